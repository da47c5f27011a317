/**
 * Where "now" comes from. The domain never reads the clock itself: use cases ask a Clock once
 * per command and pass the instant down as `now`; tests use a fixed or stepping clock.
 */
export interface Clock {
  now(): Date;
}

/** A clock that always answers `instant` (tests, replays). */
export function fixedClock(instant: Date): Clock {
  return { now: () => new Date(instant.getTime()) };
}
