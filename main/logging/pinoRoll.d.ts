// pino-roll ships no types; this is the part of its API main uses (its README's options).
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface RollStream extends DestinationStream {
    flushSync(): void;
    end(): void;
    once(event: 'close' | 'finish' | 'ready', listener: () => void): this;
  }
  export default function pinoRoll(options: {
    file: string;
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    mkdir?: boolean;
    sync?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
  }): Promise<RollStream>;
}
