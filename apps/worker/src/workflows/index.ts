export { ping } from './ping.ts';
