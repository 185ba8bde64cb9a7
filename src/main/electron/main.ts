import { startShell } from './shell';

startShell();
