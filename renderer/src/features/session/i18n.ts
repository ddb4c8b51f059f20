// Texts of the sign-in form beyond the shared `login.*` keys, Turkish first; the English must
// have the same keys (checked by a test).
export const tr = {
  intro: 'Canlı operasyon konsoluna bağlanmak için sunucu adresini ve hesap bilgilerinizi girin.',
  serverHint: 'Örnek: https://canli.firmaniz.com.tr',
  demoHint: 'Demo: depo / satis / yonetici, şifre demo',
  demoTitle: 'Bu sunucu demo modunda.',
  required: {
    server: 'Sunucu adresini girin.',
    username: 'Kullanıcı adını girin.',
    password: 'Şifreyi girin.',
  },
  invalidServer: 'Geçerli bir adres girin; http:// veya https:// ile başlamalı.',
  insecureServer:
    'Masaüstü uygulaması sunucuya yalnızca güvenli bağlantıyla (https://) bağlanır; http:// yalnızca bu bilgisayardaki bir sunucu için kullanılabilir. Adresi https:// ile yazın.',
  errorTitle: 'Giriş yapılamadı',
  outboxUnreadable:
    'Bekleyen işlemler diskten okunamadı; oturum kapatıldı. Tekrar giriş yapın; kayıtlı işlemler korunuyor.',
};

export const en: typeof tr = {
  intro: 'Enter the server address and your account to connect to the live operations console.',
  serverHint: 'Example: https://live.yourcompany.com',
  demoHint: 'Demo: depo / satis / yonetici, password demo',
  demoTitle: 'This server runs in demo mode.',
  required: {
    server: 'Enter the server address.',
    username: 'Enter your username.',
    password: 'Enter your password.',
  },
  invalidServer: 'Enter a valid address starting with http:// or https://.',
  insecureServer:
    'The desktop app connects to a server over a secure connection (https://) only; http:// is for a server on this computer alone. Type the address with https://.',
  errorTitle: 'Could not sign in',
  outboxUnreadable:
    'Pending actions could not be read from disk; you were signed out. Sign in again; the stored actions are kept.',
};

export const NAMESPACE = 'loginForm';
