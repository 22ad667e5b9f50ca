/**
 * The shapes of the REST contract as the OpenAPI document (docs/openapi.yaml) describes them. Two kinds:
 * <ul>
 *   <li>answers the resources build and send as they are (records such as {@link io.brokerpolicy.api.dto.PolicyViews});</li>
 *   <li>descriptions of JSON the service reads or writes by other means (the snapshot, read by the streaming
 *       intake; the verdict, written once as the stored audit document; reports of the policy package). These are
 *       classes with public fields that only the document and clients use; ContractShapesTest reads real answers
 *       into them strictly and writes them back, so a field the service adds or drops fails the build.</li>
 * </ul>
 */
package io.brokerpolicy.api.dto;
