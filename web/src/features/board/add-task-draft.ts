// What the new-task form of the board holds, and the task it makes: the kind, title, requirement, stability
// category and risk, estimate, assignee, due date and the column it should land in.
import { createSignal } from 'solid-js'
import type { RISKS, STABILITY_CATEGORIES } from '../../../../domain/vocabulary'
import type { NewTask } from '../tasks/create-task'
import type { BoardStatus, TaskKind } from './board-logic'

export type Category = (typeof STABILITY_CATEGORIES)[number]
export type Risk = (typeof RISKS)[number]

/** The form's fields as signals; the column is set from the one the dialog was opened on. */
export function createTaskDraft() {
  const [kind, setKind] = createSignal<TaskKind>('feature')
  const [title, setTitle] = createSignal('')
  const [requirementId, setRequirementId] = createSignal('')
  const [category, setCategory] = createSignal<Category>('performance')
  const [risk, setRisk] = createSignal<Risk>('medium')
  const [estimate, setEstimate] = createSignal('')
  const [assigneeId, setAssigneeId] = createSignal('')
  const [dueDate, setDueDate] = createSignal('')
  const [status, setStatus] = createSignal<BoardStatus>('todo')
  return {
    kind,
    setKind,
    title,
    setTitle,
    requirementId,
    setRequirementId,
    category,
    setCategory,
    risk,
    setRisk,
    estimate,
    setEstimate,
    assigneeId,
    setAssigneeId,
    dueDate,
    setDueDate,
    status,
    setStatus,
    /** Empties what is typed per task; the kind, requirement, category and risk stay for the next one. */
    clear: () => {
      setTitle('')
      setEstimate('')
      setDueDate('')
      setAssigneeId('')
    },
    input: (productId: number, iterationId: number): NewTask => {
      const input: NewTask = { productId, iterationId, kind: kind(), title: title().trim(), status: status() }
      if (requirementId()) input.requirementId = Number(requirementId())
      if (kind() === 'stability') {
        input.category = category()
        input.risk = risk()
      }
      if (estimate() !== '') input.estimate = Number(estimate())
      if (assigneeId()) input.assigneeId = Number(assigneeId())
      if (dueDate()) input.dueDate = dueDate()
      return input
    },
  }
}

export type TaskDraft = ReturnType<typeof createTaskDraft>
