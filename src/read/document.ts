/**
 * The document every importer ends with: the tables, and the narrative with the figures and
 * projects read from its sections, so each importer reads the narrative the same way.
 */
import type { BudgetDocument, BudgetTable, DocumentMeta, ExtraTable, ImportNote, NarrativeSection } from '../model/document.js';
import { readFigures } from './narrative/figures.js';
import { readProjects } from './narrative/projects.js';
import type { ReadSection } from './narrative/sections.js';

export interface DocumentParts {
  meta: DocumentMeta;
  tables: BudgetTable[];
  extraTables: ExtraTable[];
  /** The sections as read (with line starts), for the figures; `sections` as the model keeps them. */
  read: ReadSection[];
  sections: NarrativeSection[];
  notes: ImportNote[];
}

export function assembleDocument(p: DocumentParts): BudgetDocument {
  const figures = readFigures(p.read);
  const projects = readProjects(p.read, figures.amounts);
  return { format: 'budgetbook/document', version: 1, meta: p.meta, tables: p.tables, extraTables: p.extraTables, narrative: { sections: p.sections, ...figures, projects }, notes: p.notes };
}
