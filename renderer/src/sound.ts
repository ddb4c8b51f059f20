// Notification sounds play here, in the page, so they sound the same on every OS (the OS
// notification itself is silent). One Audio element per sound, reused.
import type { SoundRequest } from '../../protocol';

const players = new Map<string, HTMLAudioElement>();

export function playSound(req: SoundRequest): void {
  let audio = players.get(req.sound);
  if (!audio) {
    audio = new Audio(`./sounds/${req.sound}.wav`);
    players.set(req.sound, audio);
  }
  audio.volume = Math.min(1, Math.max(0, req.volume));
  audio.currentTime = 0;
  // A page that was never interacted with may refuse to play: nothing to do but stay quiet.
  void audio.play().catch(() => undefined);
}
