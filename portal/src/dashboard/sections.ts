import type { Schemas } from "../api/client";

export type Dashboard = Schemas["Dashboard"];
export type SectionName = keyof Dashboard;

const REASONS: Record<string, string> = {
  timeout: "服务响应超时",
  unreachable: "服务无法连接",
  "failed-response": "服务返回错误",
  "malformed-response": "服务返回的数据无法解析",
  unauthorized: "需要登录后查看",
  forbidden: "当前用户无权查看",
  "not-configured": "未配置",
};

/** Why a section is missing, in Chinese: never shown as a zero it did not get. */
export function unavailableText(reason: string | null | undefined): string {
  return `暂不可用：${REASONS[reason ?? ""] ?? reason ?? "原因未知"}`;
}

/** A section's data when the dashboard says it is available, else null. */
export function dataOf<K extends SectionName>(dashboard: Dashboard | null, name: K): NonNullable<Dashboard[K]["data"]> | null {
  const section = dashboard?.[name];
  return section?.available && section.data != null ? (section.data as NonNullable<Dashboard[K]["data"]>) : null;
}

/** 万元 as people read it: 12,345.6 万元, or 亿元 from 10,000 万元 up. */
export function wanYuan(value: number | null | undefined): string {
  if (value == null) {
    return "—";
  }
  return value >= 10000
    ? `${(value / 10000).toLocaleString("zh-CN", { maximumFractionDigits: 2 })} 亿元`
    : `${value.toLocaleString("zh-CN", { maximumFractionDigits: 2 })} 万元`;
}

export function percent(rate: number | null | undefined): string {
  return rate == null ? "—" : `${(rate * 100).toLocaleString("zh-CN", { maximumFractionDigits: 1 })}%`;
}
