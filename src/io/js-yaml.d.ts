// The few js-yaml 4 entry points src/io/yaml-source.ts uses (the package ships no types).
declare module 'js-yaml' {
  interface TypeOptions {
    kind: 'scalar' | 'sequence' | 'mapping';
    resolve?: (data: string) => boolean;
    construct?: (data: string) => unknown;
    predicate?: (value: unknown) => boolean;
  }
  class Type {
    constructor(tag: string, options: TypeOptions);
  }
  class Schema {
    extend(types: { implicit?: Type[]; explicit?: Type[] }): Schema;
  }
  const jsYaml: {
    Type: typeof Type;
    FAILSAFE_SCHEMA: Schema;
    types: Record<'null' | 'bool' | 'int' | 'float', Type>;
    load(text: string, options?: { schema?: Schema; filename?: string }): unknown;
  };
  export default jsYaml;
}
