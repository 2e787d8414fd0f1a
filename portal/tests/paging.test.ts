import { describe, expect, it } from "vitest";
import { mount } from "@vue/test-utils";
import PageNav from "../src/common/PageNav.vue";

// The platform's pages count from 0 ({items, page, size, totalItems, totalPages}); people count from 1.
const nav = (page: number, totalPages: number, totalItems: number) => mount(PageNav, { props: { page, totalPages, totalItems } });
const buttons = (wrapper: ReturnType<typeof nav>) => {
  const [previous, next] = wrapper.findAll("button");
  return { previous: previous!, next: next! };
};

describe("paging through a platform page", () => {
  it("shows the platform's page 0 as 第 1 页 and offers only the next page", async () => {
    const wrapper = nav(0, 3, 45);
    expect(wrapper.text()).toContain("第 1 / 3 页，共 45 条");
    const { previous, next } = buttons(wrapper);
    expect(previous.attributes("disabled")).toBeDefined();
    await next.trigger("click");
    expect(wrapper.emitted("go")).toEqual([[1]]);
  });

  it("offers only the previous page on the last page", async () => {
    const wrapper = nav(2, 3, 45);
    const { previous, next } = buttons(wrapper);
    expect(next.attributes("disabled")).toBeDefined();
    await previous.trigger("click");
    expect(wrapper.emitted("go")).toEqual([[1]]);
  });

  it("shows an empty list as one page of nothing, with nowhere to go", () => {
    const wrapper = nav(0, 0, 0);
    expect(wrapper.text()).toContain("第 1 / 1 页，共 0 条");
    const { previous, next } = buttons(wrapper);
    expect(previous.attributes("disabled")).toBeDefined();
    expect(next.attributes("disabled")).toBeDefined();
  });

  it("is a navigation landmark named for screen readers", () => {
    expect(nav(0, 1, 1).find("nav").attributes("aria-label")).toBe("分页");
  });
});
