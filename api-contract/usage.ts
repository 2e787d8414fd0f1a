// What a portal does with the client generated from the platform document (docs/openapi/platform.json):
// list projects, submit an application, read a typed problem. Compiled by `npm run check` under
// tsc --strict: when the document stops typing errors, headers or bodies, this stops compiling.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/platform";

type Problem = components["schemas"]["Problem"];
type NotNever<T> = [T] extends [never] ? false : true;
type IsProblem<T> = [T] extends [Problem | undefined] ? true : false;
const proven = <T extends true>(value: T): T => value;

const api = createClient<paths>({ baseUrl: "http://localhost:8080" });

/** Lists the first page of projects in 西站南, or says why not. */
export async function projectsInWestStationSouth(): Promise<string[] | Problem> {
  const { data, error, response } = await api.GET("/api/v1/projects", {
    params: { query: { zone: "WEST_STATION_SOUTH", page: 0, size: 20, sort: "name,asc" } },
    headers: { "Accept-Language": "zh-CN" },
  });
  proven<NotNever<typeof error>>(true); // the errors are typed, never `never`
  proven<IsProblem<typeof error>>(true); // and each is a Problem
  const remaining: string | null = response.headers.get("X-RateLimit-Remaining");
  void remaining;
  if (error) {
    return error;
  }
  // every member is present; those the platform may leave empty are typed `| null`
  const stages: (components["schemas"]["Stage"] | null)[] = data.items.map((project) => project.stage);
  void stages;
  return data.items.map((project) => project.name ?? "");
}

/** Submits an application once, however often it is retried, and branches on the problem codes. */
export async function apply(itemId: string, idempotencyKey: string, token: string): Promise<string> {
  const { data, error, response } = await api.POST("/api/v1/applications", {
    params: { header: { "Idempotency-Key": idempotencyKey } },
    headers: { Authorization: `Bearer ${token}` },
    body: {
      itemId,
      intakeRegion: "120106",
      handlingRegion: "120106",
      applicant: { kind: "CITIZEN", name: "张市民", idType: "RESIDENT_ID", idNumber: "120106199001011234" },
      materials: [],
    },
  });
  proven<NotNever<typeof error>>(true);
  if (error) {
    switch (error.code) {
      case "idempotency-key-reused":
        return "这个幂等键已用于另一份申请";
      case "invalid-request":
        return (error.errors ?? []).map((field) => `${field.field}: ${field.message}`).join("\n");
      default:
        return `${error.title}（${error.traceId ?? ""}）`;
    }
  }
  const created = response.status === 201;
  const location: string | null = response.headers.get("Location");
  // the document names the headers of the answer; a typo here would not compile
  type Created = paths["/api/v1/applications"]["post"]["responses"][201]["headers"];
  const etag: NonNullable<Created["ETag"]> = response.headers.get("ETag") ?? "";
  const kind: components["schemas"]["ApplicantKind"] | undefined = data.applicant?.kind;
  return `${created ? "已提交" : "已存在"} ${data.id ?? ""} ${location ?? ""} ${etag} ${kind ?? ""}`;
}

/** A stage move the lifecycle refuses answers the allowed stages, typed. */
export async function moveToUse(projectId: string, token: string): Promise<string[]> {
  const { error } = await api.POST("/api/v1/projects/{id}/stage-transitions", {
    params: { path: { id: projectId } },
    headers: { Authorization: `Bearer ${token}` },
    body: { targetStage: "IN_USE", date: "2025-07-01" },
  });
  if (error?.code === "illegal-stage-transition") {
    return error.allowed ?? [];
  }
  return [];
}
