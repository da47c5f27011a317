import { PGliteDriver } from 'typeorm-pglite';
import { PGlitePool } from 'typeorm-pglite/dist/pglite-pool';

type Release = () => void;
type ConnectCallback = (error: unknown, client: PGlitePool | null, done: (err?: unknown) => void) => void;

/**
 * PGlite is a single database session. typeorm-pglite hands that one session to every query
 * runner at once, so two concurrent transactions would interleave their statements inside one
 * BEGIN … COMMIT. This pool gives the session to one query runner at a time (a pool of size
 * one), which makes transactions on the embedded engine behave as they do on a server.
 */
export class ExclusivePGlitePool extends PGlitePool {
  private tail: Promise<void> = Promise.resolve();

  override async connect(callback: ConnectCallback): Promise<void> {
    let release!: Release;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    await previous;
    let released = false;
    await super.connect((error, client) => {
      callback(error, client, () => {
        if (released) return;
        released = true;
        release();
      });
    });
  }
}

/** Driver object for TypeORM's `driver` option; PGlite options are process-wide (one embedded database per process). */
export function embeddedDriver(dataDir: string | undefined): { Pool: typeof ExclusivePGlitePool } {
  new PGliteDriver(dataDir ? { dataDir } : {});
  return { Pool: ExclusivePGlitePool };
}
