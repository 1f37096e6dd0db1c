import { zhCN, type Messages } from './zh-CN';

/** The active UI strings. Only zh-CN exists today; add a locale file and pick it here. */
export const t: Messages = zhCN;
