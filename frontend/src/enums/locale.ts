export enum AppLocale {
  ZhCN = 'zh-CN',
  En = 'en',
}

export const APP_LOCALES = Object.values(AppLocale)
export const DEFAULT_LOCALE = AppLocale.ZhCN
