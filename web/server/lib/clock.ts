/** Time source. Everything that decides by time takes a Clock so tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move; for tests and the sandbox's time travel. */
export interface ManualClock extends Clock {
  set(at: Date | string): void;
  advance(by: { ms?: number; seconds?: number; minutes?: number; hours?: number; days?: number }): void;
}

export function manualClock(start: Date | string = new Date()): ManualClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at).getTime();
    },
    advance: ({ ms = 0, seconds = 0, minutes = 0, hours = 0, days = 0 }) => {
      current += ms + seconds * 1e3 + minutes * 6e4 + hours * 36e5 + days * 864e5;
    },
  };
}

/** A clock offset from the system clock; lets the sandbox jump ahead (e.g. past the 24 h window). */
export interface OffsetClock extends Clock {
  advance(ms: number): void;
  offsetMs(): number;
}

export function offsetClock(): OffsetClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
    offsetMs: () => offset,
  };
}
