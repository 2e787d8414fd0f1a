/**
 * One submission of one form, however often it is clicked or retried: the Idempotency-Key that the
 * platform requires on POST /api/v1/applications is made once per content of the form, kept across
 * retries (a timeout, a 503, a reload of the page: the key is also kept in sessionStorage) and sent
 * again, so the platform answers the same application instead of making a second one. A click while
 * a request is in flight joins it instead of sending another. Changing the form makes a new key (the
 * platform refuses the same key with another body: 422 idempotency-key-reused). The key outlives a
 * success too: pressing again after the answer gets the same application back.
 */
export class IdempotentSubmission<T> {
  private key: string | null = null;
  private fingerprint: string | null = null;
  private inFlight: Promise<T> | null = null;

  constructor(
    private readonly storageKey: string,
    private readonly storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null = globalThis.sessionStorage ?? null,
    private readonly newKey: () => string = () => crypto.randomUUID(),
  ) {
    const saved = storage?.getItem(storageKey);
    if (saved) {
      const parsed = JSON.parse(saved) as { key: string; fingerprint: string };
      this.key = parsed.key;
      this.fingerprint = parsed.fingerprint;
    }
  }

  /** Sends {@code body} with its key; the same body gets the same key until {@link done}. */
  submit(body: unknown, send: (key: string) => Promise<T>): Promise<T> {
    if (this.inFlight) {
      return this.inFlight;
    }
    const fingerprint = JSON.stringify(body);
    if (this.key === null || fingerprint !== this.fingerprint) {
      this.key = this.newKey();
      this.fingerprint = fingerprint;
      this.storage?.setItem(this.storageKey, JSON.stringify({ key: this.key, fingerprint }));
    }
    const key = this.key;
    this.inFlight = send(key).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** The person starts another application: the next submission is a new one. */
  done(): void {
    this.key = null;
    this.fingerprint = null;
    this.storage?.removeItem(this.storageKey);
  }

  get pending(): boolean {
    return this.inFlight !== null;
  }
}
