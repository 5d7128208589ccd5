// The HTML templates, precompiled (src/report/generated/templates.js, made by make gen from
// templates/*.hbs): only Handlebars' small runtime is loaded, and no template is compiled per run.
import type HandlebarsType from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { indexTemplateSpec, reportTemplateSpec } from './generated/templates.js';

const Handlebars = HandlebarsRuntime as unknown as typeof HandlebarsType;

export type Template = HandlebarsType.TemplateDelegate;

let report: Template | undefined;
let index: Template | undefined;

/** report.html's template. */
export function reportTemplate(): Template {
  report ??= Handlebars.create().template(reportTemplateSpec);
  return report;
}

/** A sweep's index.html's template. */
export function indexTemplate(): Template {
  index ??= Handlebars.create().template(indexTemplateSpec);
  return index;
}
