import { createRouter, createWebHashHistory } from "vue-router";

// Hash history: the gateway serves the built files as they are, with no fallback route to configure.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: "/", redirect: "/dashboard" },
    { path: "/dashboard", component: () => import("./dashboard/DashboardView.vue"), meta: { title: "大屏" } },
    { path: "/hall", component: () => import("./hall/ItemSearchView.vue"), meta: { title: "办事大厅" } },
    { path: "/hall/items/:id", component: () => import("./hall/ItemView.vue"), props: true, meta: { title: "事项" } },
    { path: "/hall/mine", component: () => import("./hall/MyApplicationsView.vue"), meta: { title: "我的办件" } },
    { path: "/hall/applications/:id", component: () => import("./applications/ApplicationView.vue"), props: true, meta: { title: "办件" } },
    { path: "/workbench/applications/:id", component: () => import("./applications/ApplicationView.vue"), props: true, meta: { title: "办件" } },
    { path: "/workbench/projects", component: () => import("./projects/ProjectsView.vue"), meta: { title: "重点项目" } },
    { path: "/workbench/projects/:id", component: () => import("./projects/ProjectView.vue"), props: true, meta: { title: "项目" } },
    { path: "/workbench/rectifications", component: () => import("./workbench/RectificationsView.vue"), meta: { title: "差评整改" } },
    { path: "/workbench", component: () => import("./workbench/QueueView.vue"), meta: { title: "工作台" } },
    { path: "/login", component: () => import("./auth/LoginView.vue"), meta: { title: "登录" } },
  ],
});

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? "")} · 京津冀同城商务区`;
});
