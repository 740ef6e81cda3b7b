import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Keeps a resource's logical id as it was before its code moved into a construct. A new logical id
 * makes CloudFormation replace the resource: a new, empty table or user pool beside the retained
 * old one, or a failed update where the physical name is fixed (an SES identity, a domain).
 */
export function keepLogicalId(construct: IConstruct, logicalId: string): void {
  const resource = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnResource)) throw new Error(`${construct.node.path} has no CloudFormation resource to keep an id for`);
  resource.overrideLogicalId(logicalId);
}
