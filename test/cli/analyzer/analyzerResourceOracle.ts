// Test oracle: a resource's AnalyzeStack entry built field by field with the generated protobuf
// classes, as the engine builds it. The plan never builds this message; it appends the graph fields
// to the Analyze request's bytes (encodeForAnalysis), and the tests check those bytes against this.
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { toAnalyzeRequest } from "../../../cli/analyzer/encoding";
import type { AnalyzerResource } from "../../../cli/analyzer/types";

export function toAnalyzerResource(resource: AnalyzerResource): analyzerPb.AnalyzerResource {
    // Fields 1-6 are the Analyze request's own; their encoding is tested against the engine's on its own.
    const request = toAnalyzeRequest(resource);
    const result = new analyzerPb.AnalyzerResource();
    result.setUrn(request.getUrn());
    result.setType(request.getType());
    result.setName(request.getName());
    result.setProperties(request.getProperties());
    result.setOptions(request.getOptions());
    result.setProvider(request.getProvider());
    result.setParent(resource.parent ?? "");
    result.setDependenciesList([...(resource.dependencies ?? [])]);
    // The engine leaves out properties without dependencies.
    const withDependencies = Object.entries(resource.propertyDependencies ?? {}).filter(([, urns]) => urns.length > 0);
    for (const [key, urns] of withDependencies) {
        result.getPropertydependenciesMap().set(key, new analyzerPb.AnalyzerPropertyDependencies().setUrnsList([...urns]));
    }
    return result;
}
