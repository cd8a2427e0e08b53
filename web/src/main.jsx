import { render } from 'preact';
import { App } from './app.jsx';
import { restoreSession } from './lib/session.js';
import './styles.css';

restoreSession();
render(<App />, document.getElementById('app'));
