/**
 * A short two-tone chime through WebAudio (no audio file to load). Browsers only let a page
 * make sound after a user gesture, so `enable()` is called from the console's sound button.
 */
type AudioCtor = typeof AudioContext;

let ctx: AudioContext | null = null;

export function soundSupported(): boolean {
  return typeof window !== 'undefined' && ('AudioContext' in window || 'webkitAudioContext' in window);
}

export async function enableSound(): Promise<boolean> {
  if (!soundSupported()) return false;
  if (!ctx) {
    const Ctor = (window.AudioContext ?? (window as unknown as { webkitAudioContext: AudioCtor }).webkitAudioContext) as AudioCtor;
    ctx = new Ctor();
  }
  if (ctx.state === 'suspended') await ctx.resume();
  return ctx.state === 'running';
}

export function soundReady(): boolean {
  return ctx !== null && ctx.state === 'running';
}

/** Plays the chime; louder and lower for a risky phrase than for a viewer-question notice. */
export function chime(kind: 'hit' | 'notice' = 'hit'): void {
  if (!ctx || ctx.state !== 'running') return;
  const now = ctx.currentTime;
  const tones = kind === 'hit' ? [880, 660] : [660, 880];
  tones.forEach((freq, i) => {
    const osc = ctx!.createOscillator();
    const gain = ctx!.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const start = now + i * 0.16;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(kind === 'hit' ? 0.35 : 0.2, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.15);
    osc.connect(gain).connect(ctx!.destination);
    osc.start(start);
    osc.stop(start + 0.16);
  });
}
