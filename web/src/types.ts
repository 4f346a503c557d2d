// Shapes of the API's JSON (snake_case, as the server writes it).

export interface Project {
  id: number; name: string; label_config: string; instructions: string; overlap: number;
  created_by: number | null; created_at: string; updated_at: string;
  review_policy?: 'none' | 'all' | 'uncertain'; review_sample_rate?: number; review_threshold?: number | null; adaptive_target?: number | null;
}

export interface Task {
  id: number; project: number; data: Record<string, unknown>; unique_id: string | null; meta: unknown;
  priority: number; batch: string | null; status: string; overlap: number | null; annotation_count: number;
  created_at: string; updated_at: string;
}

export interface TaskPage { items: Task[]; next_cursor: number | null }

export interface ImportResult { created: number; skipped: number; annotations: number; predictions: number; duration_seconds: number }

export interface LabelOption { value: string; alias?: string; hotkey?: string; background?: string; children: LabelOption[]; attributes: Record<string, string> }

export interface ObjectTag { name: string; kind: string; value: string; variable?: string; attributes: Record<string, string> }

export interface ControlTag {
  name: string; kind: string; result_type: string; to_names: string[]; options: LabelOption[];
  choice_mode?: 'single' | 'single-radio' | 'multiple'; max_rating?: number; min?: number; max?: number;
  options_variable?: string; attributes: Record<string, string>;
}

export interface LabelConfig { object_tags: ObjectTag[]; control_tags: ControlTag[]; variables: string[] }

/** One Label Studio result region. */
export interface Result {
  id: string; from_name: string; to_name: string; type: string; value: Record<string, any>;
  original_width?: number; original_height?: number; image_rotation?: number; origin?: string;
  readonly?: boolean;
}

export interface Prediction { result: Result[]; model_version?: string; score?: number }

export interface Annotation {
  id: number; result: Result[]; lead_time: number; completed_by?: number; created_at?: string; task?: number; origin?: string;
  /** The review decision (accepted, rejected, fixed), null while unreviewed; fixed_result is a reviewer's fix. */
  review_state?: ReviewDecision | null; fixed_result?: Result[] | null;
}

export type ReviewDecision = 'accepted' | 'rejected' | 'fixed';

export interface Review {
  id: number; annotation: number; task: number; project: number; annotator_id: number; reviewer_id: number;
  decision: ReviewDecision; comment: string | null; result: Result[] | null; created_at: string; task_status?: string | null;
}

export interface Consensus { task: number; label: string; confidence: number; method: string; annotations: number; result: Result[]; computed_at: string }

/** What the review queue hands a reviewer. */
export interface ReviewItem { annotation: Annotation; task: Task; expires_at: string; consensus: Consensus | null; other_annotations: Annotation[] }

export interface ReviewSummary { review_policy: 'none' | 'all' | 'uncertain'; review_sample_rate: number; review_threshold: number | null; pending: number; accepted: number; rejected: number; fixed: number }

export interface Lease { lease_id: number; expires_at: string; task: Task; predictions?: Prediction[] }
