/** Exact money: amounts are integers of 分 (see fen.ts). */
export * from './fen';
export * from './parse';
export * from './format';
export * from './rounding';
