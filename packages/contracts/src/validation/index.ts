export * from './normalize';
export * from './idcard';
export * from './uscc';
export * from './phone';
