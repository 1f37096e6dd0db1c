export * from './common';
export * from './orgs';
export * from './auth';
export * from './audit';
export * from './validation';
export * from './members';
