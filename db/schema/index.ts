// Every table, in one place for drizzle-kit and for the typed query builder.
export * from './users';
export * from './patients';
export * from './invites';
export * from './password-resets';
export * from './audit';
export * from './sessions';
export * from './second-factor';
export * from './plans';
export * from './checkins';
export * from './record';
export * from './notify';
export * from './record-reads';
