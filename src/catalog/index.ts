/** The catalog stage: descriptors in repos → validated entities with relations, and problems. */
export { loadCatalog, loadRepoEntities, findDescriptorFiles, type Catalog, type LoadCatalogOptions } from './load-catalog.ts';
export { catalogFileSchema, catalogEntitySchema, entityProvenanceSchema, type CatalogEntity, type CatalogFile, type EntityProvenance, type FileDigest, type SubstitutedFile } from './catalog-file.ts';
export { problemSchema, problemsFileSchema, type ProblemsFile } from './problems.ts';
export { fieldPosition, type FieldPosition } from './field-position.ts';
export { displayTitle, entityLinker, entityLinkSchema, type EntityLink } from './entity-link.ts';
export type { EntityRelation } from './relations.ts';
export { builtinKinds, prepareEntityValidation } from './validate-entity.ts';
export { parseYamlDocuments, type YamlDocument } from './yaml-documents.ts';
export { expansionCheckFor } from './expanded-size.ts';
