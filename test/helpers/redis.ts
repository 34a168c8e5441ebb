/** The private redis-server and worker processes of the BullMQ tests (shared with benchmarks/scale-out.ts). */
export * from '../../benchmarks/runner/local-redis.js';
