/**
 * Teaches ts-json-schema-generator the registry pattern the experiment types use, which
 * it cannot evaluate on its own (it reads declarations, not the checker's types):
 *
 * - `keyof typeof REGISTRY` (model variants, activations): a string enum of the
 *   registry object's keys, in declaration order.
 *
 * Order matters: it is the order of the schema's enums and unions, and so of the
 * alternatives `bench validate` lists.
 */
import ts from 'typescript';
import { LiteralType, UnionType, type BaseType, type SubNodeParser } from 'ts-json-schema-generator';

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
