/**
 * Teaches ts-json-schema-generator the two registry patterns the experiment types use,
 * which it cannot evaluate on its own (it reads declarations, not the checker's types):
 *
 * - `keyof typeof REGISTRY` (model variants, activations): a string enum of the
 *   registry object's keys, in declaration order.
 * - `SpecOf<(typeof LIST)[number]>` (the data sources, src/data/sources/index.ts): the
 *   union of each listed source's spec type, in list order, each as its own definition.
 *
 * Order matters: it is the order of the schema's enums and unions, and so of the
 * alternatives `bench validate` lists.
 */
import ts from 'typescript';
import { Context, LiteralType, UnionType, type BaseType, type NodeParser, type SubNodeParser } from 'ts-json-schema-generator';

/** The name of the type that maps a data source to its spec type (src/data/sources/source.ts). */
const SPEC_OF = 'SpecOf';

/** `keyof typeof X` -> the enum of X's keys, read from the checker in declaration order. */
export class KeyofRegistryParser implements SubNodeParser {
  constructor(private readonly checker: ts.TypeChecker) {}

  supportsNode(node: ts.Node): boolean {
    return ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.KeyOfKeyword && ts.isTypeQueryNode(node.type);
  }

  createType(node: ts.Node): BaseType {
    const query = (node as ts.TypeOperatorNode).type as ts.TypeQueryNode;
    const keys = this.checker.getPropertiesOfType(this.checker.getTypeAtLocation(query.exprName)).map((p) => p.getName());
    if (!keys.length) throw new Error(`${query.exprName.getText()}: a registry without entries`);
    return keys.length === 1 ? new LiteralType(keys[0]) : new UnionType(keys.map((k) => new LiteralType(k)));
  }
}

/** `SpecOf<T>` where T is (an alias of) `(typeof LIST)[number]` -> the union of the listed sources' spec types. */
export class SourceSpecsParser implements SubNodeParser {
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly childParser: NodeParser,
  ) {}

  supportsNode(node: ts.Node): boolean {
    return ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && node.typeName.text === SPEC_OF && node.typeArguments?.length === 1;
  }

  createType(node: ts.Node): BaseType {
    const list = this.listExpression((node as ts.TypeReferenceNode).typeArguments![0]);
    const listType = this.checker.getTypeAtLocation(list);
    if (!this.checker.isTupleType(listType)) throw new Error(`${list.getText()}: declare the registry list \`as const\` so its order is known`);
    const specs = this.checker.getTypeArguments(listType as ts.TypeReference).map((source) => this.specDeclaration(source));
    return new UnionType(specs.map((decl) => this.childParser.createType(decl, new Context(decl))));
  }

  /** Follows type aliases down to `(typeof LIST)[number]` and returns LIST. */
  private listExpression(arg: ts.TypeNode): ts.EntityName {
    let node: ts.TypeNode = arg;
    for (;;) {
      if (ts.isParenthesizedTypeNode(node)) node = node.type;
      else if (ts.isTypeReferenceNode(node)) node = this.aliasTarget(node);
      else break;
    }
    const object = ts.isIndexedAccessTypeNode(node) ? unparenthesize(node.objectType) : undefined;
    if (!object || !ts.isTypeQueryNode(object) || (node as ts.IndexedAccessTypeNode).indexType.kind !== ts.SyntaxKind.NumberKeyword) {
      throw new Error(`${arg.getText()}: ${SPEC_OF}<...> needs (typeof LIST)[number]`);
    }
    return object.exprName;
  }

  private aliasTarget(ref: ts.TypeReferenceNode): ts.TypeNode {
    let symbol = this.checker.getSymbolAtLocation(ref.typeName);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    const decl = symbol?.declarations?.find(ts.isTypeAliasDeclaration);
    if (!decl) throw new Error(`${ref.getText()}: ${SPEC_OF}<...> needs (typeof LIST)[number]`);
    return decl.type;
  }

  /** The declaration of the type a source's resolve() takes: its spec. */
  private specDeclaration(source: ts.Type): ts.Declaration {
    const resolve = source.getProperty('resolve');
    const parameter = resolve && this.checker.getTypeOfSymbol(resolve).getCallSignatures()[0]?.getParameters()[0];
    const spec = parameter && this.checker.getTypeOfSymbol(parameter);
    const decl = (spec?.aliasSymbol ?? spec?.getSymbol())?.declarations?.find((d) => ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d));
    if (!decl) throw new Error(`${this.checker.typeToString(source)}: a data source's spec must be a named, exported interface`);
    return decl;
  }
}

function unparenthesize(node: ts.TypeNode): ts.TypeNode {
  return ts.isParenthesizedTypeNode(node) ? unparenthesize(node.type) : node;
}
