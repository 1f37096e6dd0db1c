/** Union red and friends: the one palette of both shells. */
export const brand = {
  primary: '#c8102e',
  primaryDark: '#9e0b23',
  primaryLight: '#fdecee',
  gold: '#f5c15b',
  ink: '#1f1f1f',
  siderBg: '#1a1d24',
} as const;
