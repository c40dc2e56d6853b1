import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import type { StaffRole } from '@/enums/staff'
import { ACCESS } from '@/navigation/access'
import { authGuard } from './guards'

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without a session. */
    public?: boolean
    /** Roles allowed in; absent means every signed-in staff member. */
    roles?: readonly StaffRole[]
    /** vue-i18n key of the page title. */
    titleKey?: string
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/LoginView.vue'),
    meta: { public: true, titleKey: 'auth.submit' },
  },
  {
    // The member's chat page, opened from a one-time link on their phone: no console around it.
    path: '/m/chat',
    name: 'member-chat',
    component: () => import('@/views/memberChat/MemberChatView.vue'),
    meta: { public: true, titleKey: 'chat.member.pageTitle' },
  },
  {
    // The WeCom chat-toolbar app (~360 px): staff sign-in, no console chrome.
    path: '/sidebar',
    name: 'sidebar',
    component: () => import('@/views/sidebar/SidebarView.vue'),
    meta: { roles: ACCESS.sidebar, titleKey: 'chat.sidebar.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/ConsoleLayout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('@/views/home/HomeView.vue'),
        meta: { roles: ACCESS.home, titleKey: 'nav.home' },
      },
      {
        path: 'inbox/:id(\\d+)?',
        name: 'inbox',
        component: () => import('@/views/inbox/InboxView.vue'),
        props: (route) => ({ id: route.params.id ? Number(route.params.id) : null }),
        meta: { roles: ACCESS.inbox, titleKey: 'nav.inbox' },
      },
      {
        path: 'quick-replies',
        name: 'quick-replies',
        component: () => import('@/views/quickReplies/QuickReplyListView.vue'),
        meta: { roles: ACCESS.quickReplies, titleKey: 'nav.quickReplies' },
      },
      {
        path: 'members',
        name: 'members',
        component: () => import('@/views/members/MemberListView.vue'),
        meta: { roles: ACCESS.members, titleKey: 'nav.members' },
      },
      {
        path: 'members/:id(\\d+)',
        name: 'member',
        component: () => import('@/views/members/MemberDetailView.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { roles: ACCESS.members, titleKey: 'members.portrait' },
      },
      {
        path: 'tags',
        name: 'tags',
        component: () => import('@/views/tags/TagsView.vue'),
        meta: { roles: ACCESS.tags, titleKey: 'nav.tags' },
      },
      {
        path: 'segments',
        name: 'segments',
        component: () => import('@/views/segments/SegmentListView.vue'),
        meta: { roles: ACCESS.segments, titleKey: 'nav.segments' },
      },
      {
        path: 'segments/new',
        name: 'segment-new',
        component: () => import('@/views/segments/SegmentBuilderView.vue'),
        meta: { roles: ACCESS.segments, titleKey: 'segments.newTitle' },
      },
      {
        path: 'segments/:id(\\d+)',
        name: 'segment',
        component: () => import('@/views/segments/SegmentBuilderView.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { roles: ACCESS.segments, titleKey: 'segments.title' },
      },
      {
        path: 'coupons',
        name: 'coupons',
        component: () => import('@/views/coupons/CouponTemplateListView.vue'),
        meta: { roles: ACCESS.coupons, titleKey: 'nav.coupons' },
      },
      {
        path: 'tiers',
        name: 'tiers',
        component: () => import('@/views/loyalty/LoyaltyRulesView.vue'),
        meta: { roles: ACCESS.loyaltyRules, titleKey: 'nav.tiers' },
      },
      {
        path: 'staff',
        name: 'staff',
        component: () => import('@/views/staff/StaffListView.vue'),
        meta: { roles: ACCESS.staff, titleKey: 'nav.staff' },
      },
      {
        path: 'wecom',
        redirect: { name: 'wecom-contacts' },
      },
      {
        path: 'wecom/contacts',
        name: 'wecom-contacts',
        component: () => import('@/views/wecom/ContactListView.vue'),
        meta: { roles: ACCESS.wecomContacts, titleKey: 'nav.wecomContacts' },
      },
      {
        path: 'wecom/groups',
        name: 'wecom-groups',
        component: () => import('@/views/wecom/GroupListView.vue'),
        meta: { roles: ACCESS.wecomGroups, titleKey: 'nav.wecomGroups' },
      },
      {
        path: 'wecom/groups/:id(\\d+)',
        name: 'wecom-group',
        component: () => import('@/views/wecom/GroupDetailView.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { roles: ACCESS.wecomGroups, titleKey: 'nav.wecomGroups' },
      },
      {
        path: 'wecom/channel-codes',
        name: 'wecom-channel-codes',
        component: () => import('@/views/wecom/ChannelCodeListView.vue'),
        meta: { roles: ACCESS.wecomChannelCodes, titleKey: 'nav.wecomChannelCodes' },
      },
      {
        path: 'wecom/sync',
        name: 'wecom-sync',
        component: () => import('@/views/wecom/SyncView.vue'),
        meta: { roles: ACCESS.wecomSync, titleKey: 'nav.wecomSync' },
      },
      {
        path: 'wecom/handovers',
        name: 'wecom-handovers',
        component: () => import('@/views/wecom/HandoverListView.vue'),
        meta: { roles: ACCESS.wecomHandovers, titleKey: 'nav.wecomHandovers' },
      },
      {
        path: 'wecom/handovers/:id(\\d+)',
        name: 'wecom-handover',
        component: () => import('@/views/wecom/HandoverDetailView.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { roles: ACCESS.wecomHandovers, titleKey: 'nav.wecomHandovers' },
      },
      {
        path: 'wecom/binding-conflicts',
        name: 'wecom-binding-conflicts',
        component: () => import('@/views/wecom/BindingConflictListView.vue'),
        meta: { roles: ACCESS.wecomBindingConflicts, titleKey: 'nav.wecomBindingConflicts' },
      },
      {
        path: 'stores',
        name: 'stores',
        component: () => import('@/views/stores/StoreListView.vue'),
        meta: { roles: ACCESS.stores, titleKey: 'nav.stores' },
      },
      {
        path: 'integrations',
        name: 'integrations',
        component: () => import('@/views/integrations/IntegrationAppListView.vue'),
        meta: { roles: ACCESS.integrations, titleKey: 'nav.integrations' },
      },
      {
        path: 'audit-log',
        name: 'audit-log',
        component: () => import('@/views/audit/AuditLogListView.vue'),
        meta: { roles: ACCESS.auditLog, titleKey: 'nav.auditLog' },
      },
      {
        path: 'queues',
        name: 'queues',
        component: () => import('@/views/queues/QueueListView.vue'),
        meta: { roles: ACCESS.queues, titleKey: 'nav.queues' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/errors/NotFoundView.vue'),
        meta: { titleKey: 'notFound.title' },
      },
    ],
  },
]

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(), routes })
  router.beforeEach(authGuard)
  return router
}
