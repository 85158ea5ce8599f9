import { render } from 'preact';
import { App } from './app';
import { languageFromLocation } from './i18n';

const language = languageFromLocation(location.search);
document.documentElement.lang = language;
render(<App language={language} />, document.getElementById('app')!);
