export function electronBinary(
  root: string,
  env?: Record<string, string | undefined>,
  platform?: string,
): string | undefined;
