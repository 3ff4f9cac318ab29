// Progress on stderr while a tenant is read: every line for a terminal or --verbose (as `plan`
// does), and for a pipe or CI log one line per LARGE_TENANT_STEP objects, so a large tenant's
// read is visibly moving without flooding a small one's log.
import type { ReadPage } from "./readTenant";

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

    /** A page the reader has read: every one, or in a log one per LARGE_TENANT_STEP objects of its kind. */
    page({ label, count, page }: ReadPage): void {
        const message = `Read ${count} ${label} (page ${page})`;
        if (this.everyLine) return this.step(message);
        const step = Math.floor(count / LARGE_TENANT_STEP);
        if (step > (this.lastStep.get(label) ?? 0)) {
            this.lastStep.set(label, step);
            this.step(message);
        }
    }
}
