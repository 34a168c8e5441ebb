export { isModuleRef, loadModuleExport } from './load-module.js';
