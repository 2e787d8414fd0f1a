import { describe, expect, it } from "vitest";
import { call, nextStep, TroubleError, understand } from "../src/api/problems";

const problem = (status: number, code: string, extra: object = {}) => ({
  type: `https://samecity.hongqiao.tj.cn/problems/${code}`, title: "标题", status, code, detail: "详情", ...extra,
});

describe("a problem as a person needs it", () => {
  it("puts each invalid field's Chinese message beside the field", () => {
    const trouble = understand(400, problem(400, "invalid-request", {
      errors: [{ field: "applicant.name", message: "不能为空" }, { field: "applicant.name", message: "second" }],
    }));
    expect(trouble.kind).toBe("invalid");
    expect(trouble.fields).toEqual({ "applicant.name": "不能为空" });
  });

  it("asks to log in again on 401, says not allowed on 403, and waits Retry-After on 429", () => {
    expect(understand(401, problem(401, "invalid-token")).kind).toBe("login");
    expect(nextStep(understand(403, problem(403, "forbidden")))).toContain("权限");
    const wait = understand(429, problem(429, "rate-limited"), new Headers({ "Retry-After": "7" }));
    expect(wait.retryAfter).toBe(7);
    expect(nextStep(wait)).toContain("7 秒");
  });

  it("names the unavailable service on 503, so the rest of the page can carry on", () => {
    const trouble = understand(503, problem(503, "service-unavailable", { service: "services-service", reason: "timeout" }));
    expect(trouble.kind).toBe("unavailable");
    expect(nextStep(trouble)).toBe("政务服务暂不可用，页面其他部分不受影响，请稍后再试。");
  });

  it("turns an answer into its data or a thrown trouble, and no answer into offline", async () => {
    const ok = new Response("{}", { status: 200 });
    await expect(call(Promise.resolve({ data: { id: "1" }, response: ok }))).resolves.toEqual({ id: "1" });
    const conflict = new Response("{}", { status: 409 });
    await expect(call(Promise.resolve({ error: problem(409, "illegal-application-action"), response: conflict })))
      .rejects.toSatisfy((e: unknown) => e instanceof TroubleError && e.trouble.code === "illegal-application-action");
    await expect(call(Promise.reject(new TypeError("fetch failed"))))
      .rejects.toSatisfy((e: unknown) => e instanceof TroubleError && e.trouble.kind === "offline");
  });
});
