// Texts of the proxy sign-in form, Turkish first; the English must have the same keys.
export const tr = {
  title: 'Ara sunucu (proxy) girişi',
  body: 'Ağınızdaki ara sunucu {{proxy}} bağlantı için kullanıcı adı ve şifre istiyor. Bilgiler yalnızca bu oturum boyunca bellekte tutulur.',
  username: 'Kullanıcı adı',
  password: 'Şifre',
  connect: 'Bağlan',
  cancel: 'Vazgeç',
};

export const en: typeof tr = {
  title: 'Proxy sign-in',
  body: 'The proxy {{proxy}} on your network asks for a user name and password to connect. They are kept in memory for this session only.',
  username: 'User name',
  password: 'Password',
  connect: 'Connect',
  cancel: 'Cancel',
};

export const NAMESPACE = 'proxyAuth';
