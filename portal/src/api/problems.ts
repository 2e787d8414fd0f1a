import type { Problem } from "./client";

/**
 * What a person is told when a call fails, from the platform's RFC 9457 problem (docs/problems/):
 * what kind of trouble it is (the portal branches on that, never on titles), the Chinese title and
 * detail the platform sent, the message of each invalid field, and what to do next.
 */
export interface Trouble {
  kind: "login" | "forbidden" | "not-found" | "invalid" | "conflict" | "wait" | "unavailable" | "offline" | "other";
  status: number;
  code: string;
  title: string;
  detail: string;
  /** Field name (as sent) → the platform's message, shown beside the field. */
  fields: Record<string, string>;
  /** 429: seconds to wait (Retry-After). */
  retryAfter?: number;
  /** 503: the service that could not answer. */
  service?: string;
  traceId?: string;
}

const SERVICE_NAMES: Record<string, string> = {
  "projects-service": "项目服务",
  "enterprise-service": "企业服务",
  "services-service": "政务服务",
};

/** The trouble a failed answer means; {@code problem} is its body when it was a problem. */
export function understand(status: number, problem: Partial<Problem> | undefined, headers?: Headers): Trouble {
  const code = problem?.code ?? "";
  const fields: Record<string, string> = {};
  for (const error of problem?.errors ?? []) {
    if (error.field && !(error.field in fields)) {
      fields[error.field] = error.message ?? "";
    }
  }
  const base = {
    status,
    code,
    title: problem?.title ?? `请求失败（${status}）`,
    detail: problem?.detail ?? "",
    fields,
    traceId: problem?.traceId ?? undefined,
  };
  if (status === 401) {
    return { ...base, kind: "login", detail: base.detail || "请重新登录。" };
  }
  if (status === 403) {
    return { ...base, kind: "forbidden" };
  }
  if (status === 404) {
    return { ...base, kind: "not-found" };
  }
  if (status === 429) {
    const retryAfter = Number(headers?.get("Retry-After") ?? "1");
    return { ...base, kind: "wait", retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1 };
  }
  if (status === 503) {
    const service = problem?.service ?? undefined;
    return { ...base, kind: "unavailable", service: service ? (SERVICE_NAMES[service] ?? service) : undefined };
  }
  if (status === 400 || status === 422 || status === 428) {
    return { ...base, kind: "invalid" };
  }
  if (status === 409 || status === 412) {
    return { ...base, kind: "conflict" };
  }
  return { ...base, kind: "other" };
}

/** A call that never got an answer (network down, gateway unreachable). */
export function offline(): Trouble {
  return { kind: "offline", status: 0, code: "", title: "无法连接平台", detail: "请检查网络后重试。", fields: {} };
}

/** What to do, in one sentence, for the kinds that have a standard next step. */
export function nextStep(trouble: Trouble): string {
  switch (trouble.kind) {
    case "login":
      return "登录已失效，请重新登录。";
    case "forbidden":
      return "您没有执行该操作的权限。";
    case "wait":
      return `请求过于频繁，请 ${trouble.retryAfter} 秒后再试。`;
    case "unavailable":
      return `${trouble.service ?? "部分服务"}暂不可用，页面其他部分不受影响，请稍后再试。`;
    case "offline":
      return trouble.detail;
    default:
      return trouble.detail;
  }
}

/**
 * Unwraps an openapi-fetch result: the data, or a thrown {@link TroubleError} that views catch and
 * show. Network failures become an "offline" trouble.
 */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new TroubleError(offline());
  }
  if (result.response.ok) {
    return result.data as T;
  }
  const problem = typeof result.error === "object" && result.error !== null ? (result.error as Partial<Problem>) : undefined;
  throw new TroubleError(understand(result.response.status, problem, result.response.headers));
}

export class TroubleError extends Error {
  constructor(readonly trouble: Trouble) {
    super(trouble.title);
  }
}

export function troubleOf(error: unknown): Trouble {
  return error instanceof TroubleError ? error.trouble : { ...offline(), kind: "other", title: "出现错误", detail: String(error) };
}
