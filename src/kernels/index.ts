/**
 * BLAS-style kernels on flat Float64Arrays (stdlib `ndarray` calling convention: length, then each
 * array with its stride and offset). None of them allocates.
 */
export { ddot } from './ddot.js';
export { daxpy } from './daxpy.js';
export { dscal } from './dscal.js';
export { dnrm2 } from './dnrm2.js';
export { dcopy } from './dcopy.js';
export { dgemvRows } from './dgemv-rows.js';
export { dgemmNT } from './dgemm-nt.js';
export { dtranspose } from './dtranspose.js';
export { dgemmTN } from './dgemm-tn.js';
export { dgemmNN } from './dgemm-nn.js';
