export * from './fargate-task-size.js';
export * from './identifiers.js';
export * from './limits.js';
