export function encodePng(width: number, height: number, rgba: Buffer): Buffer;
