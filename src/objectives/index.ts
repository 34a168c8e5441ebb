/** Built-in objectives for objective problems: each is non-negative with a global minimum of 0. */
export { createObjectiveFunction } from './create.js';
export { createRastrigin, RASTRIGIN_DEFAULT_INIT_RANGE } from './rastrigin.js';
export { createSafranShamir, safranShamirTeacherEnergy } from './safran-shamir.js';
export { fillNormal } from './normal.js';
