// Texts of this screen, Turkish first; the English must have the same keys (checked by a test).
export const tr = {};

export const en: typeof tr = {};

export const NAMESPACE = 'pricesView';
