export { startDeptSim, devApiKey, devCallbackSecret, type DeptSim, type DeptSimOptions } from './server.js';
export { DepartmentSystem, type ReceivedRequest, type SentCallback } from './department-system.js';
