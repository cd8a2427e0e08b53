// Door staff's pages, loaded only when opened: the event choice and the scanner.
export { DoorHome } from './home.jsx';
export { Scanner } from './scanner.jsx';
