type TemplateSpecification = Parameters<typeof import('handlebars').template>[0];

export const reportTemplateSpec: TemplateSpecification;
export const indexTemplateSpec: TemplateSpecification;
