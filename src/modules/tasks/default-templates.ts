import type { TaskCategory, TaskOwner } from './task.entity';

/** The checklist a new community starts with; organizers change it through the task-template API. */
export const DEFAULT_TEMPLATES: {
  title: string;
  description: string;
  category: TaskCategory;
  owner: TaskOwner;
  offsetDays: number;
}[] = [
  {
    title: 'Book the room and check AV',
    description: 'Projector, adapters, microphone, the recording setup; a test run in the room if you can.',
    category: 'logistics',
    owner: 'organizer',
    offsetDays: -21,
  },
  {
    title: 'Recording consent',
    description: 'Ask the speakers whether the talk may be recorded and shared internally.',
    category: 'logistics',
    owner: 'organizer',
    offsetDays: -14,
  },
  {
    title: 'Outline review',
    description: 'A 15-minute chat on the outline: audience, the one thing they should remember, timing.',
    category: 'slides',
    owner: 'speaker',
    offsetDays: -14,
  },
  {
    title: 'Slide-design pass',
    description: 'Organizers or a designer polish the slides: template, readability, contrast, diagrams.',
    category: 'slides',
    owner: 'organizer',
    offsetDays: -7,
  },
  {
    title: 'Dry run',
    description: 'Give the talk once to a friendly audience and time it.',
    category: 'slides',
    owner: 'speaker',
    offsetDays: -3,
  },
  {
    title: 'Announcement post',
    description: 'Announce the talk in the community channels with title, abstract, speakers and the calendar link.',
    category: 'promotion',
    owner: 'organizer',
    offsetDays: -10,
  },
  {
    title: 'Day-before reminder post',
    description: 'Remind the channels: time, place, online link.',
    category: 'promotion',
    owner: 'organizer',
    offsetDays: -1,
  },
  {
    title: 'Share slides and recording',
    description: 'Publish the slides and the recording, and link them from the talk.',
    category: 'follow-up',
    owner: 'speaker',
    offsetDays: 2,
  },
];
