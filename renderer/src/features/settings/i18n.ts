// Texts of this screen, Turkish first; the English must have the same keys (checked by a test).
export const tr = {
  intro: 'Değişiklikler anında uygulanır ve kaydedilir.',
  status: {
    saving: 'Kaydediliyor…',
    saved: 'Kaydedildi',
    failed: 'Kaydedilemedi: {{message}}',
    refused: 'Bu değer kabul edilmedi: {{message}}',
  },
  notifications: {
    title: 'Bildirimler',
    help: 'Her öncelik için bildirimin nereye ulaşacağını ve ses çalıp çalmayacağını seçin. Kritik uyarılar her zaman bildirilir.',
    browserNote: 'Web konsolunda işletim sistemi bildirimleri uygulama içi bildirim olarak gösterilir.',
    reach: 'Nerede gösterilsin',
    reachOption: {
      os: 'Sistem bildirimi',
      toast: 'Uygulama içi',
      history: 'Yalnızca geçmiş',
    },
    sound: 'Ses',
    soundFor: '{{priority}}: ses çal',
    criticalLocked:
      'Kritik uyarılar sessize alınamaz: her zaman sistem bildirimi ve sesle gelir. Düşük öncelikli bildirimler ses çalmaz.',
    mutedUntil: 'Kritik dışındaki bildirimler {{time}} saatine kadar sessiz.',
    unmute: 'Sessizliği kaldır',
    muteHour: '1 saat sessize al',
  },
  priority: {
    critical: 'Kritik',
    high: 'Yüksek',
    normal: 'Normal',
    low: 'Düşük',
  },
  channels: {
    title: 'Sessize alınan kanallar',
    help: 'Seçilen kanalların bildirimleri yalnızca geçmişe yazılır; kritik uyarılar yine bildirilir.',
    name: {
      global: 'Genel',
      dashboard: 'Gösterge paneli',
      orders: 'Siparişler',
      inventory: 'Stok',
      prices: 'Fiyatlar',
      analytics: 'Analiz',
      system: 'Sistem',
    },
  },
  quiet: {
    title: 'Sessiz saatler',
    enabled: 'Sessiz saatleri kullan',
    help: 'Bu saatler arasında yalnızca kritik uyarılar bildirilir (İstanbul saati). Gece yarısını geçebilir, örneğin 22:00–07:00.',
    start: 'Başlangıç',
    end: 'Bitiş',
    invalidTime: 'Geçerli bir saat girin (SS:DD).',
    sameTime: 'Başlangıç ve bitiş aynı olamaz.',
  },
  sound: {
    title: 'Ses',
    enabled: 'Bildirim seslerini çal',
    volume: 'Ses düzeyi',
    volumeValue: '%{{percent}}',
    test: 'Sesi dene',
    off: 'Sesler kapalı: hiçbir bildirim ses çalmaz.',
  },
  advanced: {
    title: 'Bildirim sıklığı',
    collapse: 'Aynı uyarıyı birleştirme süresi (saniye)',
    collapseHelp: 'Bu süre içinde tekrar gelen aynı uyarı tek bildirimde sayılır.',
    flood: 'Dakikada en fazla bildirim',
    floodHelp: 'Fazlası tek bir özet bildirimde toplanır.',
    repeat: 'Onaylanmayan kritik uyarıyı tekrarla (dakika)',
    repeatHelp: '0: tekrarlama.',
    range: '{{min}} ile {{max}} arasında bir tam sayı girin.',
  },
  appearance: {
    title: 'Görünüm',
    language: 'Dil',
    theme: 'Tema',
    themeOption: {
      light: 'Açık',
      dark: 'Koyu',
      system: 'Sistem',
    },
    themeHelp: 'Sistem: işletim sisteminin açık/koyu ayarını izler.',
  },
  desktop: {
    title: 'Masaüstü uygulaması',
    startAtLogin: 'Oturum açılınca başlat',
    startAtLoginHelp: 'Bilgisayarda oturum açtığınızda MesChain Live kendiliğinden açılır.',
    keepInTray: 'Kapatınca sistem tepsisinde çalışmaya devam et',
    keepInTrayHelp: 'Pencere kapansa da bildirimler gelmeye devam eder.',
    browserNote:
      'Oturum açılınca başlatma ve sistem tepsisinde çalışma yalnızca masaüstü uygulamasında geçerlidir; bu web konsolunda ayarlanamaz.',
    noKeystore:
      'Bu bilgisayarda işletim sisteminin anahtar deposu bulunamadı: oturumunuz uygulama yeniden başlatıldığında korunmaz, yeniden giriş yapmanız gerekir.',
  },
};

export const en: typeof tr = {
  intro: 'Changes apply at once and are saved.',
  status: {
    saving: 'Saving…',
    saved: 'Saved',
    failed: 'Not saved: {{message}}',
    refused: 'This value was not accepted: {{message}}',
  },
  notifications: {
    title: 'Notifications',
    help: 'For each priority, choose where notifications reach you and whether they play a sound. Critical alerts always notify.',
    browserNote: 'In the web console, OS notifications show as in-app notifications.',
    reach: 'Where to show',
    reachOption: {
      os: 'OS notification',
      toast: 'In the app',
      history: 'History only',
    },
    sound: 'Sound',
    soundFor: '{{priority}}: play a sound',
    criticalLocked:
      'Critical alerts cannot be silenced: they always come as an OS notification with sound. Low priority notifications play no sound.',
    mutedUntil: 'Notifications other than critical are muted until {{time}}.',
    unmute: 'Unmute',
    muteHour: 'Mute for 1 hour',
  },
  priority: {
    critical: 'Critical',
    high: 'High',
    normal: 'Normal',
    low: 'Low',
  },
  channels: {
    title: 'Muted channels',
    help: 'Notifications from the selected channels only go to the history; critical alerts still notify.',
    name: {
      global: 'General',
      dashboard: 'Dashboard',
      orders: 'Orders',
      inventory: 'Stock',
      prices: 'Prices',
      analytics: 'Analytics',
      system: 'System',
    },
  },
  quiet: {
    title: 'Quiet hours',
    enabled: 'Use quiet hours',
    help: 'Between these times only critical alerts notify (Istanbul time). May span midnight, e.g. 22:00–07:00.',
    start: 'Start',
    end: 'End',
    invalidTime: 'Enter a valid time (HH:MM).',
    sameTime: 'Start and end cannot be the same.',
  },
  sound: {
    title: 'Sound',
    enabled: 'Play notification sounds',
    volume: 'Volume',
    volumeValue: '{{percent}}%',
    test: 'Test sound',
    off: 'Sounds are off: no notification plays a sound.',
  },
  advanced: {
    title: 'Notification frequency',
    collapse: 'Merge repeats of the same alert within (seconds)',
    collapseHelp: 'The same alert again within this time counts in one notification.',
    flood: 'At most notifications per minute',
    floodHelp: 'Any more are gathered into one summary.',
    repeat: 'Repeat an unacknowledged critical alert every (minutes)',
    repeatHelp: '0: never.',
    range: 'Enter a whole number from {{min}} to {{max}}.',
  },
  appearance: {
    title: 'Appearance',
    language: 'Language',
    theme: 'Theme',
    themeOption: {
      light: 'Light',
      dark: 'Dark',
      system: 'System',
    },
    themeHelp: 'System: follows the light/dark setting of the operating system.',
  },
  desktop: {
    title: 'Desktop app',
    startAtLogin: 'Start when I sign in to the computer',
    startAtLoginHelp: 'MesChain Live opens by itself when you sign in to the computer.',
    keepInTray: 'Keep running in the tray when closed',
    keepInTrayHelp: 'Notifications keep coming after the window is closed.',
    browserNote:
      'Starting at sign-in and running in the tray apply to the desktop app only; they cannot be set in this web console.',
    noKeystore:
      'No operating system keystore was found on this computer: your session will not survive a restart of the app, and you will need to sign in again.',
  },
};

export const NAMESPACE = 'settingsView';
