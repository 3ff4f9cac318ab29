// Progress on stderr while a tenant is read: every line for a terminal or --verbose (as `plan`
// does), and for a pipe or CI log one line per LARGE_TENANT_STEP objects, so a large tenant's
// read is visibly moving without flooding a small one's log.
export const LARGE_TENANT_STEP = 1000;

export class ReadProgress {
    private readonly started = Date.now();
    private lastStep = new Map<string, number>();

    constructor(private readonly everyLine: boolean) {}

    step(message: string): void {
        process.stderr.write(`[${((Date.now() - this.started) / 1000).toFixed(1)}s] ${message}\n`);
    }

    detail(message: string): void {
        if (this.everyLine) this.step(message);
    }

    /** A "Read N <label> (page n)" message from the reader. */
    page(message: string): void {
        if (this.everyLine) return this.step(message);
        const match = /^Read (\d+) (.+?) \(/.exec(message);
        if (!match) return;
        const step = Math.floor(Number(match[1]) / LARGE_TENANT_STEP);
        if (step > (this.lastStep.get(match[2]) ?? 0)) {
            this.lastStep.set(match[2], step);
            this.step(message);
        }
    }
}
