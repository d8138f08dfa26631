"""The way to write a conversation: a Flow, or a Wizard of Steps with review and confirm.

A flow never sees a platform. It gets a `Context` (the chat's conversation state, the user's
translator, the store session, the clock) and an `Input`, changes the state, and returns
`Message`s. Buttons in a Message are `Choice`s (step buttons: valid only while the conversation is
at the step that showed them) or `Action`s (valid for days, authorised afresh when pressed); the
engine turns both into opaque tokens.

A Wizard is a list of Steps::

    class Feedback(Wizard):
        name = "feedback"
        title = N_("Send feedback")
        steps = (
            ChoiceStep("topic", N_("What is it about?"), (("bug", N_("A problem")), ...)),
            TextStep("text", N_("Tell us more."), min_length=10, max_length=3000),
        )

        async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
            ...  # store the answers; return what the user sees next

Every prompt gets Back and Cancel; a step with `allow_unknown` gets "I don't know / prefer not to
say" (stored as None); after the last step the review lists each answer with an Edit button, and
Confirm calls `finish`. Steps whose `when` is false are skipped and their answers dropped. An edit
asks again, and says why, every later question it changed. A number typed for a button is the
answer where the step takes text (`Step.takes_text`). What a step stored on the way (a file) it
undoes in `Step.discard` when its answer is thrown away: by Cancel (the menu asks first past three
answers), a fresh start, the idle timeout, or a new answer in its place.

Its modules; an importer names the one it needs:

- `inputs`: what a flow receives (Text, Picked, SharedContact, Attachment, Unsupported);
- `messages`: what it returns (Message, Choice, Action);
- `context`: ConversationState, Context, Flow, and the FlowDirectory a Context offers;
- `outcomes`: Invalid, Stay, FlowCancelled;
- `steps`: Step, ChoiceStep, YesNoStep; `typed_steps`: TextStep, NumberStep, DateStep,
  MobileStep; `collecting_steps`: MultiChoiceStep, AttachmentsStep;
- `controls`: the Back, Cancel, "I don't know", Confirm, Edit and Done tokens;
- `screens`: a step's prompt, the review, the second confirmation;
- `wizard`: the Wizard (its states drawn in its docstring).
"""
