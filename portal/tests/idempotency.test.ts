import { describe, expect, it } from "vitest";
import { IdempotentSubmission } from "../src/api/idempotency";

function memory() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

describe("an idempotent submission", () => {
  it("sends five quick clicks as one request with one key", async () => {
    const keys: string[] = [];
    let release!: (v: string) => void;
    const submission = new IdempotentSubmission<string>("form", memory(), () => `key-${keys.length + 1}`);
    const send = (key: string) => {
      keys.push(key);
      return new Promise<string>((resolve) => (release = resolve));
    };
    const clicks = [1, 2, 3, 4, 5].map(() => submission.submit({ a: 1 }, send));
    release("application-1");
    expect(await Promise.all(clicks)).toEqual(Array(5).fill("application-1"));
    expect(keys).toEqual(["key-1"]);
  });

  it("retries a failed request with the same key, and after a success still sends the same key", async () => {
    const keys: string[] = [];
    let n = 0;
    const submission = new IdempotentSubmission<string>("form", memory(), () => `key-${++n}`);
    await expect(submission.submit({ a: 1 }, async (key) => { keys.push(key); throw new Error("503"); })).rejects.toThrow("503");
    await submission.submit({ a: 1 }, async (key) => { keys.push(key); return "ok"; });
    await submission.submit({ a: 1 }, async (key) => { keys.push(key); return "ok"; });
    expect(keys).toEqual(["key-1", "key-1", "key-1"]);
  });

  it("makes a new key when the form changes or a new application starts, and survives a reload", async () => {
    const storage = memory();
    let n = 0;
    const first = new IdempotentSubmission<string>("form", storage, () => `key-${++n}`);
    const keys: string[] = [];
    const send = async (key: string) => { keys.push(key); return key; };
    await first.submit({ a: 1 }, send);
    await first.submit({ a: 2 }, send);
    const reloaded = new IdempotentSubmission<string>("form", storage, () => `key-${++n}`);
    await reloaded.submit({ a: 2 }, send);
    reloaded.done();
    await reloaded.submit({ a: 2 }, send);
    expect(keys).toEqual(["key-1", "key-2", "key-2", "key-3"]);
  });
});
