export { ping } from './ping.ts';
export { selfHealing } from './self-healing.ts';
